import type { ChildProcess } from 'node:child_process';

/** Methods a child process serves to its parent over the IPC channel: name → (argument) → result. */
export type RpcMethods = Record<string, (argument: never) => Promise<unknown>>;

type Request = { rpc: 'request'; id: number; method: string; argument: unknown };
type Response = { rpc: 'response'; id: number; result?: unknown; error?: string };
type Notice = { rpc: 'notice'; name: string; payload: unknown };

/** A typed caller of the methods a forked child serves. */
export type RpcClient<M extends RpcMethods> = {
  call<K extends keyof M & string>(method: K, argument: Parameters<M[K]>[0]): ReturnType<M[K]>;
};

/**
 * Serves `methods` to the parent process; each request runs concurrently and answers with its result or
 * its error message. Call once in a child started with an IPC channel (`fork`).
 */
export function serveRpc(methods: RpcMethods): void {
  if (!process.send) throw new Error('serveRpc needs a parent with an IPC channel (child_process.fork)');
  process.on('message', (message: Request) => {
    if (message?.rpc !== 'request') return;
    const method = methods[message.method];
    const answer = (response: Omit<Response, 'rpc' | 'id'>) =>
      process.send!({ rpc: 'response', id: message.id, ...response });
    if (!method) return answer({ error: `unknown method ${message.method}` });
    method(message.argument as never).then(
      (result) => answer({ result }),
      (error: unknown) =>
        answer({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}

/** Tells the parent something unasked (ready, progress); the parent listens with `onNotice`. */
export function notifyParent(name: string, payload: unknown): void {
  process.send?.({ rpc: 'notice', name, payload } satisfies Notice);
}

export function rpcClient<M extends RpcMethods>(child: ChildProcess): RpcClient<M> {
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (message: Response) => {
    if (message?.rpc !== 'response') return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(`child ${child.pid}: ${message.error}`));
    else waiter?.resolve(message.result);
  });
  child.on('exit', (code, signal) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`child ${child.pid} exited (${code ?? signal}) before answering`));
    pending.clear();
  });
  return {
    call(method, argument) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        // A child stopped under our feet (Ctrl-C cleanup, a crash) fails the call instead of the process.
        if (!child.connected) return reject(new Error(`child ${child.pid} is gone (calling ${method})`));
        pending.set(id, { resolve, reject });
        child.send({ rpc: 'request', id, method, argument } satisfies Request, (error) => {
          if (!error) return;
          pending.delete(id);
          reject(error);
        });
      }) as never;
    },
  };
}

/** Resolves with the payload of the child's first notice called `name`; rejects if the child exits first. */
export function onNotice<T>(child: ChildProcess, name: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Notice) => {
      if (message?.rpc !== 'notice' || message.name !== name) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message.payload as T);
    };
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`child ${child.pid} exited (${code ?? signal}) before "${name}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

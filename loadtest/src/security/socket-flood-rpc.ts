/** What the attacker process is told to do: open sockets up to (and past) its quota and flood events. */
export interface FloodPlan {
  gatewayUrl: string;
  origin: string;
  token: string;
  /** Sockets it tries to hold at once (more than the gateway's SOCKETS_PER_USER, to be refused some). */
  sockets: number;
  /** The room it shares with the honest users (typing events go there). */
  roomId: string;
  /** Users it asks the presence of (the expensive event). */
  userIds: string[];
  /** Hard bounds: the flood stops at whichever comes first, or when told to stop. */
  durationMs: number;
  maxEvents: number;
}

export interface FloodStats {
  /** Handshakes that ended `ready`. */
  admitted: number;
  /** Refused handshakes, by error code (`rate_limited` past the per-user cap). */
  refused: Record<string, number>;
  /** Events emitted, and how their acknowledgements came back. */
  emitted: number;
  acknowledged: number;
  refusedEvents: number;
  /** Sockets the gateway closed under the attacker (budget exhausted), each reopened while time remains. */
  cutOff: number;
}

export interface SocketFloodMethods {
  [method: string]: (argument: never) => Promise<unknown>;
  /** Runs the flood to its end (time, count or `stop`); announces `flooding` once its sockets are open. */
  flood(argument: FloodPlan): Promise<FloodStats>;
  stop(argument: Record<string, never>): Promise<void>;
}

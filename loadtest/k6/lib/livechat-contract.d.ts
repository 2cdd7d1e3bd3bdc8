// Types of livechat-contract.js, for the test that compares it with services/protocol.
export declare const PROTOCOL_VERSION: number;
export declare const ROUTES: Record<string, { method: string; path: string }>;
export declare const EVENTS: Record<string, string>;
export declare const ROOM_CREATE_MAX_MEMBERS: number;
export declare function routePath(path: string, params: Record<string, string>): string;
export declare function handshakeAuth(token: string): { token: string; protocolVersion: number };

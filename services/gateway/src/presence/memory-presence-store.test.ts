import { describe } from 'vitest';
import { MemoryPresenceStore } from './memory-presence-store.js';
import { presenceStoreContract } from './presence-store-contract.js';

describe('MemoryPresenceStore', () => presenceStoreContract(() => new MemoryPresenceStore()));

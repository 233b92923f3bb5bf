export { openDatabase, defaultDatabasePath, DatabaseError, type Db } from './database.js';
export { Repository, eventOrder, type StoredDecision } from './repository.js';

export { openDatabase, defaultDatabasePath, DatabaseError, type Db } from './database.js';
export { Repository, eventOrder, type CompanyMentions, type StoredDecision } from './repository.js';

export { openDatabase, defaultDatabasePath, DatabaseError, type DatabaseAccess, type Db } from './database.js';
export {
  Repository,
  eventOrder,
  type CompanyMentions,
  type StoredDecision,
  type StoredDocumentRow,
} from './repository.js';

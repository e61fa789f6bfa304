// The tests' PostgreSQL server: the throwaway local one the bench starts too (server/db/local-postgres.ts).
export { postgresAvailable, startPostgres, type LocalPostgres as TestPostgres } from '../../server/db/local-postgres.js';

// Who is asking: the signed-in user (session cookie) or the owner of an API token.

export type Role = 'province' | 'county' | 'readonly';

export interface User {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  /** Administrative division codes the user may read and write (a province code covers its cities and counties). */
  regions: string[];
}

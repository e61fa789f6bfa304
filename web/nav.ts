// The navigation: which pages each role sees. One list, so the header of every page agrees
// with what the routes allow (a county user is never shown a province page's link).
import type { Role } from '../server/domain/user.js';

export interface NavLink {
  path: string;
  label: string;
  roles: readonly Role[];
}

const ALL: Role[] = ['province', 'county', 'readonly'];

export const NAV: readonly NavLink[] = [
  { path: '/', label: '首页', roles: ALL },
  { path: '/enterprises', label: '企业查询', roles: ALL },
  { path: '/uploads/new', label: '上传登记表', roles: ['province', 'county'] },
  { path: '/inspections/new', label: '录入检查', roles: ['province', 'county'] },
  // The province pages (h16b): filings both sides, the Art. 12 report and map, rule versions, compare.
  { path: '/filings', label: '备案', roles: ALL },
  { path: '/report', label: '报告与分布图', roles: ['province', 'readonly'] },
  { path: '/rule-versions', label: '规则版本', roles: ['province', 'readonly'] },
  { path: '/compare', label: '草案影响', roles: ['province'] },
];

export const navFor = (role: Role) => NAV.filter((l) => l.roles.includes(role));

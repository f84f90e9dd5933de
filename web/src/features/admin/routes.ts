import type { FeatureRoutes } from '@/app/routes'

export default {
  shell: [
    { path: 'admin', redirect: '/admin/users' },
    {
      path: 'admin/users',
      name: 'admin-users',
      component: () => import('./UsersView.vue'),
      meta: { access: 'admin.users', title: 'users.title' },
    },
    {
      path: 'admin/org-units',
      name: 'admin-org-units',
      component: () => import('./OrgUnitsView.vue'),
      meta: { access: 'admin.orgUnits', title: 'orgUnits.title' },
    },
    {
      path: 'admin/audit',
      name: 'admin-audit',
      component: () => import('./AuditView.vue'),
      meta: { access: 'admin.audit', title: 'audit.title' },
    },
    {
      path: 'admin/mail',
      name: 'admin-mail',
      component: () => import('./MailView.vue'),
      meta: { access: 'admin.mail', title: 'mail.title' },
    },
  ],
} satisfies FeatureRoutes

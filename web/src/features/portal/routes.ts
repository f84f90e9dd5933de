import type { FeatureRoutes } from '@/app/routes'

/**
 * 门户 (issue 25 §1): the portal's own public sections (news, policy documents, pages, statistics, the credit list) and 门户管理
 * for the staff. The portal's home is the site's root for anonymous visitors (features/home/routes.ts → home/HomeEntry.vue).
 */
export default {
  shell: [
    {
      path: 'portal',
      name: 'portal',
      component: () => import('./admin/PortalAdminView.vue'),
      meta: { access: 'portal', title: 'portal.admin.title' },
    },
    {
      path: 'portal/content/new',
      name: 'portal.content.new',
      component: () => import('./admin/ContentEditView.vue'),
      meta: { access: 'portal', title: 'portal.admin.create' },
    },
    {
      path: 'portal/content/:id(\\d+)',
      name: 'portal.content.edit',
      component: () => import('./admin/ContentEditView.vue'),
      meta: { access: 'portal', title: 'portal.admin.edit' },
    },
    // public: no sign-in
    {
      path: 'news',
      name: 'portal.news',
      component: () => import('./public/ContentListView.vue'),
      props: { kind: 'news' },
      meta: { public: true, title: 'portal.nav.news', description: 'portal.meta.news' },
    },
    {
      path: 'news/:id(\\d+)',
      name: 'portal.news.item',
      component: () => import('./public/ContentDetailView.vue'),
      meta: { public: true, title: 'portal.nav.news', description: 'portal.meta.news' },
    },
    {
      path: 'policies',
      name: 'portal.policies',
      component: () => import('./public/ContentListView.vue'),
      props: { kind: 'policy' },
      meta: { public: true, title: 'portal.nav.policies', description: 'portal.meta.policies' },
    },
    {
      path: 'policies/:id(\\d+)',
      name: 'portal.policies.item',
      component: () => import('./public/ContentDetailView.vue'),
      meta: { public: true, title: 'portal.nav.policies', description: 'portal.meta.policies' },
    },
    {
      path: 'pages/:slug([a-z0-9-]+)',
      name: 'portal.page',
      component: () => import('./public/ContentDetailView.vue'),
      meta: { public: true, title: 'portal.nav.page' },
    },
    {
      path: 'statistics',
      name: 'portal.statistics',
      component: () => import('./public/StatisticsView.vue'),
      meta: { public: true, title: 'portal.nav.statistics', description: 'portal.meta.statistics' },
    },
    {
      path: 'reports',
      name: 'portal.reports',
      component: () => import('./public/ReportsView.vue'),
      meta: { public: true, title: 'portal.nav.reports', description: 'portal.meta.reports' },
    },
    {
      path: 'credit',
      name: 'portal.credit',
      component: () => import('./public/CreditListView.vue'),
      meta: { public: true, title: 'portal.nav.credit', description: 'portal.meta.credit' },
    },
  ],
} satisfies FeatureRoutes

import type { FeatureRoutes } from '@/app/routes'

export default {
  shell: [
    { path: 'records', redirect: '/records/search' },
    {
      path: 'records/search',
      name: 'records-search',
      component: () => import('./SearchView.vue'),
      // SearchRecords is public: anyone may search without signing in
      meta: { public: true, access: 'records.search', title: 'records.searchTitle' },
    },
    {
      path: 'records/import',
      name: 'records-import',
      component: () => import('./ImportView.vue'),
      meta: { access: 'records.import', title: 'imports.title' },
    },
  ],
} satisfies FeatureRoutes

import type { FeatureRoutes } from '@/app/routes'

/** The inbox (the bell is in the shell's header). */
export default {
  shell: [
    {
      path: 'notifications',
      name: 'notifications',
      component: () => import('./NotificationsView.vue'),
      meta: { access: 'home', title: 'notifications.title' },
    },
  ],
} satisfies FeatureRoutes

import type { FeatureRoutes } from '@/app/routes'
import { ACCOUNT_SECURITY_PATH } from '@/app/guard'

export default {
  shell: [
    {
      path: ACCOUNT_SECURITY_PATH.slice(1),
      name: 'account-security',
      component: () => import('./SecurityView.vue'),
      meta: { access: 'account', title: 'account.title' },
    },
  ],
} satisfies FeatureRoutes

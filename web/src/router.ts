import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { ElMessage } from 'element-plus'
import { decideNavigation } from './app/guard'
import type { FeatureRoutes } from './app/routes'
import { setUnauthorizedHandler } from './api/client'
import { useSessionStore } from './stores/session'
import { i18n } from './i18n'
import ShellLayout from './layouts/ShellLayout.vue'

/** Every feature folder's routes, loaded eagerly at build time. */
const features = import.meta.glob<FeatureRoutes>('./features/*/routes.ts', { eager: true, import: 'default' })
const featureRoutes = Object.values(features)

const routes: RouteRecordRaw[] = [
  ...featureRoutes.flatMap((f) => f.bare ?? []),
  {
    path: '/',
    component: ShellLayout,
    children: [
      ...featureRoutes.flatMap((f) => f.shell ?? []),
      {
        path: '403',
        name: 'forbidden',
        component: () => import('./components/ForbiddenView.vue'),
        meta: { public: true, title: 'errors.forbiddenTitle' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('./components/NotFoundView.vue'),
        meta: { public: true, title: 'errors.notFoundTitle' },
      },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  const session = useSessionStore()
  await session.load()
  const decision = decideNavigation(to.meta, session.user, to)
  switch (decision.kind) {
    case 'allow':
      return true
    case 'home':
      return { path: '/' }
    case 'login':
      return { path: '/login', query: decision.redirect === '/' ? {} : { redirect: decision.redirect } }
    case 'forbidden':
      return { name: 'forbidden', query: { from: to.fullPath }, replace: true }
  }
})

router.afterEach((to) => {
  const t = i18n.global.t
  const app = t('app.fullName')
  document.title = to.meta.title ? `${t(to.meta.title)} · ${app}` : app
})

setUnauthorizedHandler(() => {
  const session = useSessionStore()
  if (!session.user) return
  session.clear()
  ElMessage.warning(i18n.global.t('header.sessionExpired'))
  const current = router.currentRoute.value
  if (!current.meta.public) void router.push({ path: '/login', query: { redirect: current.fullPath } })
})

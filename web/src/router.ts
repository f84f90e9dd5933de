import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { ElMessage } from 'element-plus'
import { ACCOUNT_SECURITY_PATH, decideNavigation } from './app/guard'
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
  // the second factor was just enabled, which ended the session on the server: once the recovery codes page is left, here too
  if (session.signInAgain && to.path !== ACCOUNT_SECURITY_PATH && (await session.endAfterEnrolment()))
    return { path: '/login', query: { notice: 'secondFactorEnabled' } }
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
    case 'enrol':
      return { path: ACCOUNT_SECURITY_PATH, replace: true }
  }
})

router.afterEach((to) => {
  const t = i18n.global.t
  const app = t('app.fullName')
  document.title = to.meta.title ? `${t(to.meta.title)} · ${app}` : app
  // each public page describes itself to search engines and link previews (门户, issue 25)
  document.querySelector('meta[name="description"]')?.setAttribute('content', t(to.meta.description ?? 'portal.meta.default'))
})

setUnauthorizedHandler(() => {
  const session = useSessionStore()
  // after enabling the second factor the page shows the recovery codes first; leaving it signs in again (beforeEach)
  if (!session.user || session.signInAgain) return
  session.clear()
  ElMessage.warning(i18n.global.t('header.sessionExpired'))
  const current = router.currentRoute.value
  if (!current.meta.public) void router.push({ path: '/login', query: { redirect: current.fullPath } })
})

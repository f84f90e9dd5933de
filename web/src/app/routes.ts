import type { RouteRecordRaw } from 'vue-router'
import type { Area } from './access'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** Area (see access.ts) whose roles may open the page. */
    access?: Area
    /** i18n key of the page title. */
    title?: string
    /** i18n key of the page's meta description (public pages; the app's own description otherwise). */
    description?: string
  }
}

/** What a feature's `routes.ts` exports: pages inside the shell (menu, header) and bare pages (login). */
export interface FeatureRoutes {
  shell?: RouteRecordRaw[]
  bare?: RouteRecordRaw[]
}

import type { FeatureRoutes } from '@/app/routes'
import { routes as calls } from './calls/routes'
import { routes as review } from './review/routes'
import { routes as outcomes } from './outcomes/routes'

/** 申报评审 (issue 23): one engine; each part keeps its pages in its own folder. */
export default {
  shell: [...calls, ...review, ...outcomes],
} satisfies FeatureRoutes

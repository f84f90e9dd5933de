import type { FeatureRoutes } from '@/app/routes'
import { routes as entities } from './entities/routes'
import { routes as agencies } from './agencies/routes'
import { routes as experts } from './experts/routes'
import { routes as units } from './units/routes'

/** 服务与人才 (issue 21): each register keeps its pages in its own folder. */
export default {
  shell: [...entities, ...agencies, ...experts, ...units],
} satisfies FeatureRoutes

/**
 * Chinese (default) UI text, one file per feature under zh-CN/. `en.ts` has the same keys (each en/<feature>.ts is typed by its
 * zh-CN twin, and the whole by MessageSchema).
 */
import app from './zh-CN/app'
import auth from './zh-CN/auth'
import account from './zh-CN/account'
import home from './zh-CN/home'
import admin from './zh-CN/admin'
import records from './zh-CN/records'
import protection from './zh-CN/protection'
import indicators from './zh-CN/indicators'
import plans from './zh-CN/plans'
import notifications from './zh-CN/notifications'
import regEntities from './zh-CN/regEntities'
import regAgencies from './zh-CN/regAgencies'
import regExperts from './zh-CN/regExperts'
import regUnits from './zh-CN/regUnits'
import txFilings from './zh-CN/txFilings'
import txPledges from './zh-CN/txPledges'
import txMarket from './zh-CN/txMarket'
import txCustody from './zh-CN/txCustody'
import prgCalls from './zh-CN/prgCalls'
import prgReview from './zh-CN/prgReview'
import prgOutcomes from './zh-CN/prgOutcomes'
import anaWatches from './zh-CN/anaWatches'
import anaBrief from './zh-CN/anaBrief'
import anaAppr from './zh-CN/anaAppr'
import anaNav from './zh-CN/anaNav'
import portal from './zh-CN/portal'
import partners from './zh-CN/partners'

const zhCN = {
  ...app,
  ...auth,
  ...account,
  ...home,
  ...admin,
  ...records,
  ...protection,
  ...indicators,
  ...plans,
  ...notifications,
  ...regEntities,
  ...regAgencies,
  ...regExperts,
  ...regUnits,
  ...txFilings,
  ...txPledges,
  ...txMarket,
  ...txCustody,
  ...prgCalls,
  ...prgReview,
  ...prgOutcomes,
  ...anaWatches,
  ...anaBrief,
  ...anaAppr,
  ...anaNav,
  ...portal,
  ...partners,
}

export default zhCN
export type MessageSchema = typeof zhCN

import type { MessageSchema } from './zh-CN'
import app from './en/app'
import auth from './en/auth'
import account from './en/account'
import home from './en/home'
import admin from './en/admin'
import records from './en/records'
import protection from './en/protection'
import indicators from './en/indicators'
import plans from './en/plans'
import notifications from './en/notifications'
import regEntities from './en/regEntities'
import regAgencies from './en/regAgencies'
import regExperts from './en/regExperts'
import regUnits from './en/regUnits'
import txFilings from './en/txFilings'
import txPledges from './en/txPledges'
import txMarket from './en/txMarket'
import txCustody from './en/txCustody'
import prgCalls from './en/prgCalls'
import prgReview from './en/prgReview'
import prgOutcomes from './en/prgOutcomes'
import anaWatches from './en/anaWatches'
import anaBrief from './en/anaBrief'
import anaAppr from './en/anaAppr'
import anaNav from './en/anaNav'
import portal from './en/portal'
import partners from './en/partners'

/** English UI text; same keys as zh-CN (the type checks it). */
const en: MessageSchema = {
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

export default en

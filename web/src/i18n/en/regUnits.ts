import type zh from '../zh-CN/regUnits'

/** Registries · Pilot units (issue 21). */
const en: typeof zh = {
  regUnits: {
    menu: {
      pilots: 'Pilot units',
      gi: 'GI and local resources',
    },
  },
}

export default en

import type zh from '../zh-CN/regExperts'

/** Registries · Expert pool (issue 21). */
const en: typeof zh = {
  regExperts: {
    menu: {
      experts: 'Expert pool',
      talent: 'Talent',
      training: 'Training',
    },
  },
}

export default en

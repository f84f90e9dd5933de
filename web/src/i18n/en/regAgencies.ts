import type zh from '../zh-CN/regAgencies'

/** Registries · Service agencies (issue 21). */
const en: typeof zh = {
  regAgencies: {
    menu: {
      agencies: 'Service agencies',
      inspections: 'Random inspections',
    },
  },
}

export default en

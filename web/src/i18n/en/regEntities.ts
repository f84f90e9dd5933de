import type zh from '../zh-CN/regEntities'

/** Registries · Innovation entities (issue 21). */
const en: typeof zh = {
  regEntities: {
    menu: {
      entities: 'Innovation entities',
      mine: 'My entity',
    },
  },
}

export default en

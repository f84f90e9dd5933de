/** 服务与人才 · 创新主体 (issue 21). */
export default {
  regEntities: {
    menu: {
      entities: '创新主体',
      mine: '我的主体',
    },
  },
}

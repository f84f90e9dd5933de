/** 服务与人才 · 试点示范单位 (issue 21). */
export default {
  regUnits: {
    menu: {
      pilots: '试点示范单位',
      gi: '地理标志与特色资源',
    },
  },
}

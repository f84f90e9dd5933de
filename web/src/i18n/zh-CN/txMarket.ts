/** 运用 · 供需对接 (issue 22). */
export default {
  txMarket: {
    menu: {
      market: '供需对接',
    },
  },
}

/** 运用 · 质押融资 (issue 22). */
export default {
  txPledges: {
    menu: {
      pledges: '质押融资',
    },
  },
}

/** 运用 · 许可/转让备案 (issue 22). */
export default {
  txFilings: {
    menu: {
      filings: '许可/转让备案',
    },
  },
}

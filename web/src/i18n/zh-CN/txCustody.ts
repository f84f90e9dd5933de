/** 运用 · 托管与年费 (issue 22). */
export default {
  txCustody: {
    menu: {
      custody: '托管与年费',
    },
  },
}

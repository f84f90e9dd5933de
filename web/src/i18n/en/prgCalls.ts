/** Programmes · programmes, calls and applications (issue 23). */
export default {
  prgCalls: {
    menu: {
      calls: 'Calls and applications',
    },
  },
}

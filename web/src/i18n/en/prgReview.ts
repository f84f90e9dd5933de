/** Programmes · expert draws and review (issue 23). */
export default {
  prgReview: {
    menu: {
      review: 'Expert review',
    },
  },
}

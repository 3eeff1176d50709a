/** The worker bundle's source, supplied by scripts/build-page.js (an esbuild virtual module). */
declare module 'bctd:worker-source' {
  const source: string;
  export default source;
}

/** The annotating worker's source (exceljs inside), likewise. */
declare module 'bctd:annotate-source' {
  const source: string;
  export default source;
}

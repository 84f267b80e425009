/** Vite's `?raw` imports: a fixture file's exact text (signatures cover exact bytes). */
declare module "*?raw" {
  const text: string;
  export default text;
}

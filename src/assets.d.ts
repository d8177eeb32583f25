// Text assets (templates, presets) are imported as strings, so the pure core never reads the disk.
declare module '*?raw' {
  const text: string;
  export default text;
}

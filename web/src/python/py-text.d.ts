// The build imports the Python prelude's .py files as text (esbuild's text loader).
declare module "*.py" {
  const text: string;
  export default text;
}

import { createContext } from "preact";
import { useContext, useEffect, useRef, useState } from "preact/hooks";

/** What every field of one node's form shares. */
export interface FormContextValue {
  /** The node type being edited (`trigger.salesforce`), for per-type choices such as CRM stages. */
  nodeType: string;
  /** Run-data paths offered by path pickers and "insert a field" menus. */
  paths: readonly string[];
  /** The `<datalist>` id holding `paths`. */
  pathsListId: string;
  /** Problems by config path (`rules.0.value`), from the server's validation or the client's. */
  errors: Readonly<Record<string, string>>;
  /** Prefix for element ids, unique per form instance. */
  idPrefix: string;
  disabled?: boolean;
}

export const FormContext = createContext<FormContextValue>({ nodeType: "", paths: [], pathsListId: "", errors: {}, idPrefix: "f" });

export const useFormContext = () => useContext(FormContext);

/** The child path `a.b` of `a`, and `b` at the root. */
export const childPath = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** The element id of the control for `path` in the form of `ctx`. */
export const controlId = (ctx: FormContextValue, path: string) => `${ctx.idPrefix}-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/**
 * Text for a box whose value is parsed (numbers, lists): what the person typed stays as typed
 * ("1." or "a, ") while it still means the current value; an outside change (undo) replaces it.
 */
export function useDraftText<T>(value: T, format: (v: T) => string, parse: (t: string) => T): [string, (t: string) => T] {
  const [text, setText] = useState(() => format(value));
  const last = useRef(text);
  useEffect(() => {
    if (JSON.stringify(parse(last.current)) !== JSON.stringify(value)) {
      last.current = format(value);
      setText(last.current);
    }
  }, [JSON.stringify(value)]);
  const update = (t: string) => {
    last.current = t;
    setText(t);
    return parse(t);
  };
  return [text, update];
}

import { useEffect, useRef, useState } from "preact/hooks";
import { Button } from "../../components/button";
import { Input } from "../../components/field";

/** Puts `text` on the clipboard; falls back to selecting `input` and the legacy copy command. */
export async function copyText(text: string, input?: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!input) return false;
    input.focus();
    input.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

export interface CopyFieldProps {
  label: string;
  value: string;
  hint?: string;
  /** Monospace, for tokens and URLs. */
  mono?: boolean;
}

/** A read-only value with a Copy button that says whether it worked. */
export function CopyField({ label, value, hint, mono = true }: CopyFieldProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const wrap = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(t);
  }, [state]);

  async function copy() {
    const ok = await copyText(value, wrap.current?.querySelector("input"));
    setState(ok ? "copied" : "failed");
  }

  return (
    <div class="con-copy" ref={wrap}>
      <Input
        label={label}
        value={value}
        readOnly
        hint={hint}
        class={mono ? "con-copy__field con-copy__field--mono" : "con-copy__field"}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div class="con-copy__action">
        <Button onClick={copy}>
          {state === "copied" ? "Copied" : "Copy"}
          <span class="visually-hidden"> {label}</span>
        </Button>
        <span class="con-copy__status" role="status">
          {state === "copied" ? `${label} copied` : state === "failed" ? "Couldn't copy: select the text and copy it" : ""}
        </span>
      </div>
    </div>
  );
}

import { useEffect, useRef, useState } from "react";

export interface DisclosureProps {
  /** The id of the panel, named by the summary's aria-controls. */
  panelId: string;
  summary: React.ReactNode;
  summaryClassName?: string;
  summaryProps?: Omit<React.HTMLAttributes<HTMLElement>, "className" | "children">;
  panelClassName?: string;
  className?: string;
  children: React.ReactNode;
}

/**
 * A menu that opens under its button. A <details> element, so that it opens and closes without
 * JavaScript as the server rendered it; once hydrated, Escape closes it and gives the focus back
 * to its button, and the button says whether it is open. aria-expanded is left to the browser
 * (which exposes a summary's state itself) until then: a value rendered by the server would go
 * stale as soon as the menu is opened without JavaScript.
 */
export function Disclosure({
  panelId,
  summary,
  summaryClassName = "",
  summaryProps,
  panelClassName = "",
  className = "",
  children,
}: DisclosureProps) {
  const details = useRef<HTMLDetailsElement>(null);
  const button = useRef<HTMLElement>(null);
  const [open, setOpen] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    const element = details.current;
    if (!element) return;
    setOpen(element.open);
    // Escape from anything inside the menu (its button, a link or a field of the panel) closes it.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !element.open) return;
      event.preventDefault();
      element.open = false;
      button.current?.focus();
    };
    element.addEventListener("keydown", onKeyDown);
    return () => element.removeEventListener("keydown", onKeyDown);
  }, []);
  return (
    <details ref={details} className={className} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary
        ref={button}
        {...summaryProps}
        aria-expanded={open}
        aria-controls={panelId}
        className={`cursor-pointer list-none [&::-webkit-details-marker]:hidden ${summaryClassName}`}
      >
        {summary}
      </summary>
      <div id={panelId} className={panelClassName}>
        {children}
      </div>
    </details>
  );
}

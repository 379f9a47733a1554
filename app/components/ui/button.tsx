import { forwardRef } from "react";

const base =
  "inline-flex items-center justify-center gap-2 rounded-md font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-60";

const variants = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-500",
  secondary: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
  danger: "bg-red-600 text-white hover:bg-red-500",
  "danger-outline": "border border-red-300 bg-white text-red-700 hover:bg-red-50",
  link: "text-indigo-700 underline-offset-2 hover:underline",
} as const;

const sizes = {
  sm: "px-2 py-1 text-xs",
  md: "px-3 py-1.5 text-sm",
  lg: "px-4 py-2 text-sm",
} as const;

export type ButtonVariant = keyof typeof variants;

export interface ButtonProps extends React.ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: keyof typeof sizes;
  /** Shown while the form it submits is on its way: the button is disabled and says it is busy. */
  pending?: boolean;
}

/** The portal's one button: a variant, a size, and a pending state from `useIsPending`. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = "primary", size = "lg", pending = false, className = "", disabled, type = "button", children, ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={`${base} ${variants[variant]} ${variant === "link" ? "text-sm" : sizes[size]} ${className}`.trim()}
      {...rest}
    >
      {children}
    </button>
  );
});

/** The same look on a link (`<Link className={buttonClass("secondary")}>`). */
export function buttonClass(variant: ButtonVariant = "primary", size: keyof typeof sizes = "lg") {
  return `${base} ${variants[variant]} ${variant === "link" ? "text-sm" : sizes[size]}`;
}

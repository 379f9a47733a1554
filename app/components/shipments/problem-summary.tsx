import type { SubmissionResult } from "@conform-to/react";
import { useShipmentMessages } from "./shipment-messages";

/** Every field's problem of a refused form, in the order the server found them, each after its field's name. */
export function useProblems(lastResult: SubmissionResult<string[]> | undefined): string[] {
  const { labelled } = useShipmentMessages();
  return Object.entries(lastResult?.error ?? {}).flatMap(([name, messages]) =>
    name === "" ? [] : (messages ?? []).map((message) => labelled(name, message)),
  );
}

/** The list of a refused form's problems above it; nothing when there are none. */
export function ProblemSummary({ id, title, problems }: { id: string; title: string; problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <div role="alert" id={id} className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      <p className="font-semibold">{title}</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((problem, i) => (
          <li key={i}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}

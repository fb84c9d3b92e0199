import type { JudgeView } from "@/lib/eval/view-schemas";

/** A judge's output as the console shows it: "pass / fail", "score 1–5", "a / b / c". */
export function outputText(j: Pick<JudgeView, "outputType" | "scale" | "categories">): string {
  if (j.outputType === "numeric" && j.scale) return `score ${j.scale.min}–${j.scale.max}`;
  if (j.outputType === "categorical" && j.categories) return j.categories.join(" / ");
  return "pass / fail";
}

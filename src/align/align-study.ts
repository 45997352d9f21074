/**
 * Aligns every transcript of a study and puts all of them on the study's coder list: a coder
 * who did not code a transcript has null (missing) values on all its turns, never "code absent".
 */
import type { AlignedTranscript } from "../model/aligned.js";
import type { CodedTranscript } from "../model/transcript.js";
import { alignTranscripts } from "./align-turns.js";

export interface StudyGroup {
  name: string;
  codings: readonly CodedTranscript[];
}

/** Re-index an aligned transcript onto `coders` (null codes and files for coders not in it). */
export function onCoders(t: AlignedTranscript, coders: readonly string[]): AlignedTranscript {
  const index = coders.map((c) => t.coders.indexOf(c));
  const unmatched: Record<string, number[]> = {};
  const extra: Record<string, number[]> = {};
  for (const c of coders) {
    unmatched[c] = t.unmatched[c] ?? [];
    extra[c] = t.extra[c] ?? [];
  }
  const units = t.units
    .map((u) => ({ ...u, codes: index.map((i) => (i < 0 ? null : u.codes[i] ?? null)), coderTurns: index.map((i) => (i < 0 ? null : u.coderTurns[i] ?? null)) }))
    .filter((u) => u.codes.filter((s) => s !== null).length >= 2);
  return { ...t, coders: [...coders], files: index.map((i) => (i < 0 ? null : t.files[i] ?? null)), units, unmatched, extra };
}

export function alignStudy(groups: readonly StudyGroup[], coders: readonly string[]): AlignedTranscript[] {
  return groups.map((g) => onCoders(alignTranscripts(g.codings), coders));
}

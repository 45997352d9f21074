/**
 * Speaker labels (Delve spec §4.1). Without a user list, a label is a role word optionally
 * followed by a 1–3 digit number; a user list replaces the pattern and matches exactly.
 */
export const DEFAULT_SPEAKER_PATTERN =
  /^(Interviewer|Interviewee|Speaker|Participant|Respondent|Moderator|Facilitator|Researcher|Unknown Speaker)( [0-9]{1,3})?$/;

export type SpeakerMatcher = (normalizedLine: string) => boolean;

/** A matcher for whole (normalised) lines: the default pattern, or exact list membership. */
export function speakerMatcher(speakers?: readonly string[]): SpeakerMatcher {
  if (speakers && speakers.length > 0) {
    const set = new Set(speakers.map((s) => s.replace(/\s+/gu, " ").trim()));
    return (line) => set.has(line);
  }
  return (line) => DEFAULT_SPEAKER_PATTERN.test(line);
}

/** Parse `--speakers "A,B"` into a list (trimmed, empty entries dropped). */
export function parseSpeakerList(arg: string | undefined): string[] | undefined {
  if (arg === undefined) return undefined;
  const list = arg.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  return list.length > 0 ? list : undefined;
}

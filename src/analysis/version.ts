/** Bumped whenever the analysis output changes for some input (streams record it; replays compare it). */
export const ANALYSER_VERSION = '2026.12.08';

// Preloaded into the service when profiling: exit normally on SIGTERM so that --cpu-prof writes its profile.
process.prependListener('SIGTERM', () => process.exit(0));

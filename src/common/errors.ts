/** The few typed errors domain code throws; the HTTP filter maps each to its status. */
export class ValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

export class NotFoundError extends Error {}

export class ConflictError extends Error {}

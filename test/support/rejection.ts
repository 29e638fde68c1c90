/** The error `promise` rejects with; a promise that resolves fails the test (so an expected refusal cannot pass silently). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** How the options schema is compiled, at run time (tests) and ahead of time (the build) alike. */
export const ajvOptions = { allErrors: true, strict: true, strictTuples: false } as const;

# The evaluation set's generator: values with valid checksums and hand-written chat templates.

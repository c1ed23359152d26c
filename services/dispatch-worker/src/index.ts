/** @o2o/dispatch-worker: the service arrives with issue #6; see README.md. */
export {};

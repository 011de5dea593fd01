// The policy is shared with the web app (which shows only what the user may do); it lives in common/.
export { ACTIONS, type Action, type Actor, can, POLICY, type Resource, type Scope, scopeOf } from '@shouhu/common';

import { useConfirmedAction } from '../../forms/use-confirmed-action';
import { navigate } from '../../routing/location-store';
import { paths } from '../../routing/routes';

/** A confirmed room action (leave, delete) that ends on the room list, with its busy and error state. */
export const useRoomAction = (action: () => Promise<void>) =>
  useConfirmedAction(action, () => navigate(paths.home, { replace: true }));
